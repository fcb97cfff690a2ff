import { redirect } from "next/navigation";
import { currentPrincipal } from "@/lib/auth/principal";

export default async function Home() {
  redirect((await currentPrincipal()) ? "/dashboard" : "/sign-in");
}
