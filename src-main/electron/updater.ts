import type { AppUpdater, UpdateDownloadedEvent } from 'electron-updater';
import type { App } from '../app';
import { installNow } from '../../shared/fleet/update';
import type { UpdateStatus } from '../../shared/fleet/schemas';
import { APP_VERSION } from '../fleet/version';
import { feedForDesk, writeUpdateStatus } from '../fleet/update';

/**
 * Auto-update (docs/operations.md "Updates"), electron-updater from head office's `generic` feed
 * (an HTTPS folder beside CouchDB: GitHub is not reliably reachable from mainland China).
 *
 * - The feed address and the pilot clinics come from head office's `app-policy` document, which
 *   reaches the desk through sync; no address, no updates.
 * - Before anything is downloaded the channel file is read and checked here (fleet/update.ts): a
 *   malformed file, a version not above this one, an installer outside the folder, a bad hash are
 *   refused and logged. electron-updater then downloads in the background, checks the installer's
 *   SHA-512 against the feed and, on Windows, its Authenticode signature against `publisherName`
 *   (electron-builder.yml), and refuses a mismatch itself.
 * - A downloaded update installs when the app quits (`autoInstallOnAppQuit`), or by itself at night
 *   when nobody has used the desk for 15 minutes (shared/fleet/update.ts `installNow`): never during
 *   a check-in.
 * - Staged rollout: the feed's `stagingPercentage` (electron-updater's own), and the pilot channel.
 */
export const CHECK_EVERY_MS = 4 * 60 * 60_000;
export const FIRST_CHECK_MS = 2 * 60_000;
export const INSTALL_CHECK_MS = 5 * 60_000;

/** The part of electron-updater's `AppUpdater` the shell uses (tests hand in a recording fake). */
export interface UpdaterLike extends Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall'> {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  channel: string | null;
  allowDowngrade: boolean;
  on(event: 'update-downloaded', listener: (event: UpdateDownloadedEvent) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export interface UpdaterDeps {
  desk: Pick<App, 'store' | 'logger'>;
  updater: UpdaterLike;
  /** When the desk was last used (a contract call); null: not since start. */
  lastActivity(): Date | null;
  now?: () => Date;
  fetch?: typeof fetch;
}

export interface Updates {
  /** One check now (also what the timer runs); resolves when the download has started or there is nothing. */
  check(): Promise<UpdateStatus>;
  /** Installs a downloaded update if `installNow` allows (what the 5-minute timer runs); true when it did. */
  tryInstall(): boolean;
  stop(): void;
}

export function startUpdates(deps: UpdaterDeps): Updates {
  const { desk, updater } = deps;
  const now = deps.now ?? (() => new Date());
  let downloaded: string | null = null;
  let checking: Promise<UpdateStatus> | null = null;

  updater.autoDownload = false; // only after our own check of the channel file
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;

  const status = async (s: Omit<UpdateStatus, 'at'>): Promise<UpdateStatus> => {
    const full = { ...s, at: now().toISOString() };
    await writeUpdateStatus(desk.store.db, full).catch((err: unknown) => desk.logger.error('update: status not written', err));
    return full;
  };

  updater.on('update-downloaded', (event: UpdateDownloadedEvent) => {
    downloaded = event.version;
    desk.logger.info('update: downloaded', { version: event.version });
    void status({ state: 'ready', channel: updater.channel as UpdateStatus['channel'], version: event.version, detail: null });
  });
  updater.on('error', (err: Error) => {
    desk.logger.error('update: failed', err);
    void status({ state: 'error', channel: updater.channel as UpdateStatus['channel'], version: null, detail: err.message.slice(0, 300) });
  });

  const run = async (): Promise<UpdateStatus> => {
    if (downloaded) return status({ state: 'ready', channel: updater.channel as UpdateStatus['channel'], version: downloaded, detail: null });
    const { channel, feedUrl, verdict } = await feedForDesk(desk.store.db, APP_VERSION, deps.fetch);
    if (!feedUrl || !verdict) return status({ state: 'off', channel: null, version: null, detail: null });
    if (!verdict.ok) {
      if (verdict.refusal === 'notNewer') return status({ state: 'current', channel, version: null, detail: null });
      desk.logger.warn('update: feed refused', { refusal: verdict.refusal, field: verdict.field });
      return status({ state: 'refused', channel, version: null, detail: `${verdict.refusal}: ${verdict.detail}`.slice(0, 300) });
    }
    updater.setFeedURL({ provider: 'generic', url: feedUrl, channel });
    updater.channel = channel;
    await status({ state: 'checking', channel, version: verdict.offer.version, detail: null });
    try {
      const result = await updater.checkForUpdates();
      // electron-updater itself leaves this desk out of a staged rollout (the feed's stagingPercentage).
      if (!result || !result.isUpdateAvailable) return status({ state: 'current', channel, version: null, detail: null });
      const downloading = await status({ state: 'downloading', channel, version: verdict.offer.version, detail: null });
      void updater.downloadUpdate().catch((err: unknown) => desk.logger.error('update: download failed', err));
      return downloading;
    } catch (err) {
      desk.logger.error('update: check failed', err);
      return status({ state: 'error', channel, version: null, detail: (err instanceof Error ? err.message : String(err)).slice(0, 300) });
    }
  };
  const check = () => (checking ??= run().finally(() => (checking = null)));

  const first = setTimeout(() => void check(), FIRST_CHECK_MS);
  const every = setInterval(() => void check(), CHECK_EVERY_MS);
  const tryInstall = () => {
    if (!downloaded || !installNow(now(), deps.lastActivity())) return false;
    desk.logger.info('update: installing at night', { version: downloaded });
    updater.quitAndInstall(true, true); // silent, then start the new version
    return true;
  };
  const install = setInterval(tryInstall, INSTALL_CHECK_MS);
  for (const t of [first, every, install]) t.unref?.();
  return {
    check,
    tryInstall,
    stop() {
      clearTimeout(first);
      clearInterval(every);
      clearInterval(install);
    },
  };
}
