/** A config or command-line problem the user fixes: its message says what and where. Its own file so the CLI can tell it apart without loading the config loader. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
