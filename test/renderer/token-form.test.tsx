// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenForm } from '../../renderer/app/token-form';
import { fleetActions } from '../../renderer/state/fleet.store';
import { useAppTestSetup } from './app-test-setup';
import { renderApp } from './render';

useAppTestSetup();
afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('token form', () => {
  it('takes the place of the app when the server refuses the session, and says where the token is found', () => {
    renderApp();
    act(() => fleetActions.setConnection({ state: 'unauthorized', message: 'The access token was refused' }));
    const form = screen.getByTestId('token-form');
    expect(form.textContent).toContain('fleetscope serve');
    expect(form.textContent).toContain('#token=TOKEN');
    expect(form.textContent).toContain('FLEETSCOPE_TOKEN');
    expect(screen.queryByTestId('waiting')).toBeNull();
  });

  it('keeps the token for this tab and reloads the same route; blank input cannot be submitted', () => {
    // jsdom cannot reload; the reload itself is the browser's (e2e: repository.spec.ts).
    const reload = vi.fn();
    const original = window.location;
    Object.defineProperty(window, 'location', { configurable: true, value: { ...original, reload } });
    try {
      render(<TokenForm />);
      const submit = screen.getByTestId('token-submit') as HTMLButtonElement;
      expect(submit.disabled).toBe(true);
      fireEvent.change(screen.getByTestId('token-input'), { target: { value: '   ' } });
      expect(submit.disabled).toBe(true);
      fireEvent.change(screen.getByTestId('token-input'), { target: { value: '  s3cret-token ' } });
      expect(submit.disabled).toBe(false);
      fireEvent.click(submit);
      expect(sessionStorage.getItem('fleetscope.token')).toBe('s3cret-token');
      expect(reload).toHaveBeenCalledTimes(1);
    } finally {
      Object.defineProperty(window, 'location', { configurable: true, value: original });
    }
  });

  it('says what to do instead of reloading into the same form when the browser blocks session storage', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    render(<TokenForm />);
    fireEvent.change(screen.getByTestId('token-input'), { target: { value: 's3cret-token' } });
    fireEvent.click(screen.getByTestId('token-submit'));
    const error = screen.getByTestId('token-error');
    expect(error.textContent).toContain('session storage is blocked');
    expect(error.textContent).toContain('#token=');
    // The token itself is never shown back.
    expect(document.body.textContent).not.toContain('s3cret-token');
  });
});
