import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-muted-foreground">This page does not exist, or it belongs to someone else.</p>
      <Link href="/dashboard" className="text-primary underline-offset-4 hover:underline">
        Back to the studio
      </Link>
    </main>
  );
}
