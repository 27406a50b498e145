import type { ComponentChildren } from 'preact';
import { t } from '../../utils/i18n';
import type { SharedPairShown } from '../../utils/queries/sync-spaces';
import { integrityWarning } from '../../utils/sync/engine/integrity';
import type { JoinRequest } from '../../utils/sync/engine/joining';
import type { DeviceListing } from '../../utils/sync/engine/sharing';

/** One shared pair: where it syncs and how that goes, and what can be done about it. */
export function SharedPair({
  title,
  via,
  busy,
  children,
  onNewInvite,
  onDevices,
  onStop,
}: {
  title: string;
  /** The sidecar's address and the sync's state in words. */
  via: string;
  busy: boolean;
  /** Key checks, join requests and devices, as they come. */
  children: ComponentChildren;
  onNewInvite: () => void;
  onDevices: () => void;
  onStop: () => void;
}) {
  return (
    <li class="shared-pair">
      <div class="grow">
        <strong>{title}</strong>
        <div class="muted">{via}</div>
        {children}
      </div>
      <button type="button" disabled={busy} onClick={onNewInvite}>
        {t('sync.newInvite')}
      </button>
      <button type="button" disabled={busy} onClick={onDevices}>
        {t('sync.devices')}
      </button>
      <button type="button" disabled={busy} onClick={onStop}>
        {t('sync.stop')}
      </button>
    </li>
  );
}

/** What the sidecar was caught doing (a key check failed), until the user dismisses it. */
export function KeyCheckWarning({
  integrity,
  busy,
  onDismiss,
}: {
  integrity: NonNullable<SharedPairShown['integrity']>;
  busy: boolean;
  onDismiss: () => void;
}) {
  return (
    <div class="notice warning" role="alert" data-testid="integrity-warning">
      <p>{integrityWarning(integrity)}</p>
      <button type="button" disabled={busy} onClick={onDismiss}>
        {t('sync.integrity.dismiss')}
      </button>
    </div>
  );
}

/** A device asking to join with an invite: its code to compare, let in or refuse. */
export function JoinRequestCard({
  request,
  title,
  busy,
  onLetIn,
  onRefuse,
}: {
  request: JoinRequest;
  title: string;
  busy: boolean;
  onLetIn: () => void;
  onRefuse: () => void;
}) {
  return (
    <fieldset class="confirm join-request" data-testid="join-request">
      <legend>{t('sync.approve.heading')}</legend>
      <p>{t('sync.approve.ask', request.name, title, request.code)}</p>
      <p class="verification-code" data-testid="join-code">
        {request.code}
      </p>
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={onLetIn}>
          {t('sync.approve.yes')}
        </button>
        <button type="button" disabled={busy} onClick={onRefuse}>
          {t('sync.approve.no')}
        </button>
      </div>
    </fieldset>
  );
}

/** The devices of a shared pair: this one, removed ones, and a way to remove the others. */
export function DeviceList({
  title,
  devices,
  onRemove,
}: {
  title: string;
  devices: readonly DeviceListing[];
  onRemove: (device: DeviceListing) => void;
}) {
  return (
    <ul aria-label={t('sync.devicesOf', title)}>
      {devices.map((d) => (
        <li key={d.deviceId}>
          <span class="grow">
            {d.thisDevice
              ? t('sync.device.this', d.name)
              : d.revoked
                ? t('sync.device.removed', d.name)
                : d.name}
          </span>
          {!d.thisDevice && !d.revoked && (
            <button
              type="button"
              aria-label={t('sync.device.remove', d.name)}
              onClick={() => onRemove(d)}
            >
              {t('common.remove')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
