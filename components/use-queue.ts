import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { QUEUE_PORT, type JobView, type QueuePush } from '../utils/messaging/protocol';

/** Live queue for a page: a snapshot pushed by the background over a port (pages never hold queue truth). */
export function useQueue(): JobView[] | undefined {
  const [jobs, setJobs] = useState<JobView[] | undefined>(undefined);
  useEffect(() => {
    const port = browser.runtime.connect({ name: QUEUE_PORT });
    const onMessage = (msg: unknown) => {
      const push = msg as QueuePush;
      if (push?.type === 'queue' && Array.isArray(push.jobs)) setJobs(push.jobs);
    };
    port.onMessage.addListener(onMessage);
    return () => port.disconnect();
  }, []);
  return jobs;
}

/** Re-renders every second while `active`, for countdowns such as "Trying again in 25 s". */
export function useTicker(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}
