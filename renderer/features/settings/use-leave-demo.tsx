import type { ReactNode } from 'react';
import { useConfirmedAction } from '../../components/use-confirmed-action';

/** What a save adds to its arguments once the person confirmed leaving the demo. */
export type LeaveDemoArg = { leaveDemo?: true };

export interface LeaveDemo {
  /**
   * Runs `save` at once on the user's own fleet; on the simulated fleet only after the person
   * confirmed that saving writes the fleet file and ends the demo. `save` shows its own errors.
   */
  guard(title: string, save: (arg: LeaveDemoArg) => unknown): void;
  /** The open confirmation, to render in the view. */
  dialog: ReactNode;
}

/** Settings on the demo write nothing until the person adds a fleet of their own and says so. */
export function useLeaveDemo(demo: boolean, configPath: string): LeaveDemo {
  const confirm = useConfirmedAction<true>();
  return {
    guard: (title, save) => {
      if (!demo) {
        save({});
        return;
      }
      confirm.ask({
        title,
        confirmLabel: 'Save and switch',
        body: (
          <>
            You are watching the simulated fleet. Saving writes <span className="mono">{configPath}</span>, ends the demo and shows your fleet instead.
          </>
        ),
        // Only the switch is confirmed here; the save runs where it was asked for and shows its errors there.
        run: async () => true,
        onDone: () => save({ leaveDemo: true }),
      });
    },
    dialog: confirm.dialog,
  };
}
