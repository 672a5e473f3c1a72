/**
 * A JQL query Jira would refuse. `messages` go into the 400 answer's `errorMessages` as they are, so each one is
 * worded the way Jira words it (or says plainly that the sandbox does not emulate something).
 */
export class JqlError extends Error {
  readonly messages: string[];

  constructor(messages: string | string[]) {
    const list = typeof messages === 'string' ? [messages] : messages;
    super(list.join(' '));
    this.name = 'JqlError';
    this.messages = list;
  }
}
