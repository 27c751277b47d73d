import { formatTtl } from '../../../shared/logic/cache-units';
import { formatBytes } from '../../../shared/logic/units';
import type { CacheKind, CacheProtocol, Primary, PrimaryCache } from '../../../shared/model';
import { useBridge } from '../../bridge/bridge-context';
import { TtlEditor } from './ttl-editor';
import { useActionLock } from '../../components/use-action-lock';
import type { ActionResult } from '../../../shared/model';
import type { ConfirmedAction } from '../../components/use-confirmed-action';

type Props = { primary: Primary; cache: PrimaryCache; ask(action: ConfirmedAction<ActionResult>): void };

const KINDS: readonly { kind: CacheKind; label: string; short: string }[] = [
  { kind: 'upload-pack', label: 'Clone cache (upload-pack)', short: 'clone' },
  { kind: 'refs', label: 'Ref-advertisement cache', short: 'ref-advertisement' },
];

const onOff = (v: boolean | null): string => (v === null ? 'unknown' : v ? 'on' : 'off');

/** Settings of one kind of cache: its switch and TTL, or why this version has neither. */
const KindSettings = ({ primary, cache, ask, kind, label, short }: Props & (typeof KINDS)[number]) => {
  const bridge = useBridge();
  const lock = useActionLock();
  const setting = kind === 'refs' ? cache.config.refs : cache.config.uploadPack;
  const unsupported = cache.unsupported.includes(`config/${kind}/enabled`) || cache.unsupported.includes(`config/${kind}/ttl`);
  if (unsupported) {
    return (
      <div className="cache-setting" data-testid="cache-setting" data-cache={kind}>
        <h4>{label}</h4>
        <p className="muted" data-testid="cache-unsupported" data-cache={kind}>
          Not supported on this Bitbucket version{primary.version ? ` (${primary.version})` : ''}: its endpoints answer 404.
          {kind === 'refs' && ' Ref-advertisement caching was removed in Bitbucket 7.4.'}
        </p>
      </div>
    );
  }
  const on = setting.enabled;
  return (
    <div className="cache-setting" data-testid="cache-setting" data-cache={kind}>
      <h4>{label}</h4>
      <div className="cache-setting__row">
        <span>
          Caching is{' '}
          <strong data-testid="cache-enabled" data-cache={kind} data-enabled={onOff(on)}>
            {on === true && cache.diskGuardTripped ? 'switched on, but off for now' : onOff(on)}
          </strong>
          {on === true && cache.diskGuardTripped && (
            <span className="muted small" data-testid="cache-enabled-guard" data-cache={kind}>
              {' '}
              (the disk guard tripped: it resumes by itself once there is free space)
            </span>
          )}
        </span>
        <button
          type="button"
          className="button button--small"
          data-testid="cache-enabled-toggle"
          data-cache={kind}
          disabled={on === null || lock.locked}
          title={lock.title}
          onClick={() =>
            ask({
              title: `Switch ${short} caching ${on ? 'off' : 'on'} on ${primary.name}?`,
              confirmLabel: on ? 'Switch off' : 'Switch on',
              danger: on === true,
              done: `${label} switched ${on ? 'off' : 'on'}.`,
              body: on ? (
                <p>
                  Every {short} request on {primary.name} is then served by git itself, not from disk. Under CI load that can raise CPU and I/O on every node
                  until caching is switched on again. Cached data stays on disk and expires as usual.
                </p>
              ) : (
                <p>
                  Repeated {short} requests on {primary.name} are served from disk again once a first request has filled the cache.
                </p>
              ),
              asAdminOf: primary,
              run: (extra) => bridge.setCacheEnabled({ primaryId: primary.id, cache: kind, enabled: !on, ...extra }),
            })
          }
        >
          {on ? 'Switch off…' : 'Switch on…'}
        </button>
      </div>
      <div className="cache-setting__row">
        <span>
          TTL{' '}
          <strong className="num" data-testid="cache-ttl" data-cache={kind} data-seconds={setting.ttlSeconds ?? ''}>
            {formatTtl(setting.ttlSeconds)}
          </strong>
        </span>
        <TtlEditor
          key={`${kind}-${setting.ttlSeconds}`}
          cache={kind}
          current={setting.ttlSeconds}
          onApply={(seconds) =>
            ask({
              title: `Set the ${short} cache TTL on ${primary.name}?`,
              confirmLabel: 'Set TTL',
              done: `${label} TTL set to ${formatTtl(seconds)}.`,
              body: (
                <p>
                  The TTL changes from {formatTtl(setting.ttlSeconds)} to <strong>{formatTtl(seconds)}</strong> ({seconds} s). Cached {short} data of
                  repositories that have not changed expires that long after it was cached;{' '}
                  {seconds < (setting.ttlSeconds ?? 0)
                    ? 'older entries expire at the next check and the next requests for them miss.'
                    : 'entries now live longer and use more disk.'}
                </p>
              ),
              asAdminOf: primary,
              run: (extra) => bridge.setCacheTtl({ primaryId: primary.id, cache: kind, seconds, ...extra }),
            })
          }
        />
      </div>
    </div>
  );
};

const PROTOCOLS: readonly { protocol: CacheProtocol; label: string }[] = [
  { protocol: 'http', label: 'HTTP' },
  { protocol: 'ssh', label: 'SSH' },
];

/** Which hosting protocols are cached, each with its switch. */
const Protocols = ({ primary, cache, ask }: Props) => {
  const bridge = useBridge();
  const lock = useActionLock();
  if (cache.unsupported.includes('config/protocols')) {
    return (
      <p className="muted" data-testid="cache-unsupported" data-cache="protocols">
        Protocol settings are not supported on this Bitbucket version: their endpoint answers 404.
      </p>
    );
  }
  return (
    <div className="cache-setting" data-testid="cache-protocols">
      <h4>Protocols</h4>
      {PROTOCOLS.map(({ protocol, label }) => {
        const on = cache.config.protocols[protocol];
        return (
          <div key={protocol} className="cache-setting__row">
            <span>
              {label} requests cached:{' '}
              <strong data-testid="cache-protocol" data-protocol={protocol} data-enabled={onOff(on)}>
                {onOff(on)}
              </strong>
            </span>
            <button
              type="button"
              className="button button--small"
              data-testid="cache-protocol-toggle"
              data-protocol={protocol}
              disabled={on === null || lock.locked}
              title={lock.title}
              onClick={() =>
                ask({
                  title: `${on ? 'Stop' : 'Start'} caching ${label} requests on ${primary.name}?`,
                  confirmLabel: on ? 'Stop caching' : 'Start caching',
                  danger: on === true,
                  done: `${label} caching switched ${on ? 'off' : 'on'}.`,
                  body: on ? (
                    <p>Clones and fetches over {label} are then served by git on every request; requests over the other protocol are not affected.</p>
                  ) : (
                    <p>Clones and fetches over {label} are cached again.</p>
                  ),
                  asAdminOf: primary,
                  run: (extra) => bridge.setCacheProtocol({ primaryId: primary.id, protocol, enabled: !on, ...extra }),
                })
              }
            >
              {on ? 'Stop…' : 'Start…'}
            </button>
          </div>
        );
      })}
    </div>
  );
};

/** Configuration of the SCM cache: switches, TTLs in human units, protocols and the global clear. */
export const CacheConfigPanel = (props: Props) => {
  const { primary, cache, ask } = props;
  const bridge = useBridge();
  const lock = useActionLock();
  const noAdmin = !primary.adminCredential;
  const size = cache.totals.size;
  return (
    <section className="panel cache-config" data-testid="cache-config" aria-labelledby="cache-config-title">
      <h3 id="cache-config-title">Configuration</h3>
      {noAdmin && (
        <p className="read-only-note" data-testid="cache-read-only">
          {primary.name} has no admin credential in the fleet config, so each change here asks for the user name and password of an account with ADMIN or
          SYS_ADMIN permission, used for that one action and never stored. Add <code>admin: {'{ username, password }'}</code> to the fleet config to act without
          asking.
        </p>
      )}
      {KINDS.map((k) => (
        <KindSettings key={k.kind} {...props} {...k} />
      ))}
      <Protocols {...props} />
      <div className="cache-setting">
        <h4>Clear</h4>
        <button
          type="button"
          className="button button--danger"
          data-testid="cache-clear-all"
          disabled={cache.unsupported.includes('caches') || lock.locked}
          title={lock.title}
          onClick={() =>
            ask({
              title: `Clear every SCM cache on ${primary.name}?`,
              confirmLabel: 'Clear all caches',
              danger: true,
              typeToConfirm: primary.name,
              done: 'Every SCM cache cleared.',
              body: (
                <>
                  <p>
                    This drops <strong>{size === null ? 'every cached clone and ref advertisement' : formatBytes(size)}</strong> of cached data for every
                    repository and resets the cache counters.
                  </p>
                  <p>
                    The next clone or fetch of every repository misses and is served by git: expect a load spike on {primary.name} while CI fills the caches
                    again.
                  </p>
                </>
              ),
              asAdminOf: primary,
              run: (extra) => bridge.clearCache({ primaryId: primary.id, ...extra }),
            })
          }
        >
          Clear all caches…
        </button>
      </div>
    </section>
  );
};
