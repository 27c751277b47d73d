// The CLI's usage text, apart from the commands: `help` and a wrong argument print it without loading any command.

export const LOGS_USAGE = `  fleetscope logs FILE|FOLDER|ZIP... [--from T] [--to T] [--interval MIN] [--hosting-limit N] [--threads N] [--json]
                                               read atlassian-bitbucket-access logs (.gz/.bz2 rotations, support zips);
                                               T is the log's own clock: "2026-11-02 14:00" or an ISO time; a plain
                                               log of 64 MB or more is read in ranges on all cores (--threads N: N)`;

export const REPORT_USAGE = `  fleetscope report [--config FILE] [--data-dir DIR] --from T [--to T] --out FILE.pdf|FILE.html [--time-zone ZONE]
                                               the incident report of a range from the history kept in DIR; T is "now", "-2h",
                                               "2026-11-02 14:00" (this machine's clock) or an ISO time; PDF through Chromium
                                               (CHROMIUM_PATH, else /usr/bin/chromium)`;

export const USAGE = `Usage:
  fleetscope [--config FILE] [--demo [--scenario NAME]] [--accept-weak-vault] [--data-dir DIR] [Electron/Chromium switches]
                                               the desktop app; switches such as --no-sandbox, --disable-gpu,
                                               --ozone-platform-hint=auto go to Electron. Browser mode when
                                               Electron is missing or cannot start (then --port applies)
  fleetscope serve [--config FILE] [--demo] [--host 127.0.0.1] [--port 4780] [--open] [--data-dir DIR]
                   [--poll-interval S] [--speed X] [--scenario NAME]   (the last three apply to the demo fleet;
                   --scenario starts one of its stories, docs/demo-scenarios.md)
                   [--metrics-port N]   also serve /metrics without a token on 127.0.0.1:N
                   [--tls-cert FILE --tls-key FILE | --insecure-no-tls]   required beyond loopback
                   [--shard I/N]   poll only this collector's share of the fleet (a stable hash of each id)
                   [--collector URL [--collector-ca FILE]]   serve a team collector's fleet instead of polling
                                                             (its token in FLEETSCOPE_COLLECTOR_TOKEN)
  fleetscope demo [--port-base N] [--speed X]  run only the simulated fleet; prints a config that points at it
  fleetscope check --config FILE [--json]      one poll (two where a problem needs confirming), every target and open finding;
                                               exit 0 ok, 1 warning, 2 critical, 3 could not check
  fleetscope probe (--config FILE | --demo) PROJECT/slug [--json] [--full] [--protocol 1|2] [--transport http|ssh|both] [--cap-mb N] [--timeout S]
                                               clone doctor: real git against every endpoint that serves the repository;
                                               exit 0 alike everywhere, 1 refs differ or a clone was capped, 2 an endpoint failed, 3 could not probe
${LOGS_USAGE}
${REPORT_USAGE}

Environment: FLEETSCOPE_TOKEN (fixed browser-mode token), FLEETSCOPE_ADMIN_TOKENS and FLEETSCOPE_VIEWER_TOKENS
(a team collector's named tokens: name=TOKEN,name=TOKEN), FLEETSCOPE_COLLECTOR_TOKEN (with --collector),
FLEETSCOPE_CONFIG, FLEETSCOPE_DATA_DIR, FLEETSCOPE_LOG_FOLDERS (folders the Logs view may read access logs from).`;
