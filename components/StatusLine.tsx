export type Status = { tone: 'ok' | 'error' | 'busy'; text: string } | undefined;

/**
 * A form's live status line: what happened, or what is wrong, in plain words. The API key form's
 * line is THE `status` of the options page (ui-contract.md: tests find it by that role, so there
 * is exactly one); the other forms announce through a polite live region without the role.
 */
export function StatusLine({ status, idle = '', role }: { status: Status; idle?: string; role?: 'status' }) {
  return (
    <p role={role} aria-live={role ? undefined : 'polite'} class={`status status-${status?.tone ?? 'idle'}`}>
      {status?.text ?? idle}
    </p>
  );
}
