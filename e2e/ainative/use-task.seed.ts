// The content-workflow seed's useTask hook (seeds/ainative-content-workflow-api.txt, "Frontend
// Integration"), verbatim: the e2e spec runs it in a browser against this server. Only the export
// at the end is ours.
import { useQuery } from '@tanstack/react-query';
function useTask<T>(taskId: string | null) {
return useQuery<{ status: string; progress: number; result: T }>({
queryKey: ['task', taskId],
queryFn: () =>
fetch(`https://api.ainative.studio/api/v1/tasks/${taskId}`, {
headers: { 'X-API-Key': process.env.NEXT_PUBLIC_AINATIVE_KEY! },
}).then(r => r.json()),
enabled: !!taskId,
refetchInterval: q =>
q.state.data?.status === 'done' || q.state.data?.status === 'error'
? false
: 2000,
});
}

export { useTask };
