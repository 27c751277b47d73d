import { create } from 'zustand';

/** Whether the presenter drawer is open; not persisted: a reload starts with the fleet in view. */
export const usePresenterStore = create<{ open: boolean }>(() => ({ open: false }));

export const presenterActions = {
  open: (): void => usePresenterStore.setState({ open: true }),
  close: (): void => usePresenterStore.setState({ open: false }),
  toggle: (): void => usePresenterStore.setState((s) => ({ open: !s.open })),
};

export const selectPresenterOpen = (s: { open: boolean }): boolean => s.open;
