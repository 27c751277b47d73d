import { userInfo } from 'node:os';

/** The OS user at the keyboard, for the audit log and reports. */
export function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // Containers without a passwd entry for the uid: the audit log still needs a name.
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}
