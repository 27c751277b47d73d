/**
 * Chromium features Fleetscope switches off wherever it starts Debian's Chromium (report PDFs; the
 * e2e tests, benches and screenshot scripts through test/e2e/fixtures/chromium-args.ts).
 *
 * Chromium 156 builds its address bar's popups as hidden WebUI pages (≈ 400 requests of chrome://
 * resources) after most page loads, headless too, where no address bar is ever shown. On a 2-core
 * machine that was 1,340–1,870 ms of Chromium's CPU a page load, 140–250 ms without
 * (`bench/chromium-cpu.ts`, docs/start-up.md); a report's print took 2.0–2.5 s with them and
 * 1.6–2.1 s without (docs/reports.md).
 */
export const QUIET_CHROMIUM_FEATURES = '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup';

/** What a Chromium Fleetscope starts never needs: nothing to fetch, update or build beside the page it loads. */
export const QUIET_CHROMIUM_SWITCHES: readonly string[] = ['--disable-background-networking', '--disable-component-update', QUIET_CHROMIUM_FEATURES];
