import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect } from "react";
import { createRoot } from "react-dom/client";
import { useTask } from "./use-task.seed";

declare global {
  interface Window {
    /** Every status the hook rendered, in order: the spec reads it. */
    seenStatuses: string[];
  }
}
window.seenStatuses = [];

/** Shows what the seed's hook returns for the task named in ?task=, as a creator's page would. */
function TaskProbe({ taskId }: { taskId: string | null }) {
  const { data } = useTask<{ video_url: string; duration_seconds: number; credits_billed: number }>(taskId);
  useEffect(() => {
    if (data) window.seenStatuses.push(data.status);
  }, [data]);
  if (!data) return <output data-testid="task">loading</output>;
  return (
    <output data-testid="task">
      {data.status} {data.progress}
      {data.result ? (
        <a href={data.result.video_url}>
          {" "}
          video ({data.result.duration_seconds} s, {data.result.credits_billed} credits)
        </a>
      ) : null}
    </output>
  );
}

createRoot(document.getElementById("root")!).render(
  <QueryClientProvider client={new QueryClient()}>
    <TaskProbe taskId={new URL(location.href).searchParams.get("task")} />
  </QueryClientProvider>,
);
