import { t } from '../../utils/i18n';

/** Where the sidecar is, and the name this browser goes by there. */
export function SidecarAddress({
  sidecarUrl,
  deviceName,
  onUrl,
  onDeviceName,
}: {
  sidecarUrl: string;
  deviceName: string;
  onUrl: (url: string) => void;
  onDeviceName: (name: string) => void;
}) {
  return (
    <div class="row">
      <label class="grow">
        {t('sync.sidecarAddress')}
        <input
          dir="auto"
          name="sidecar-url"
          value={sidecarUrl}
          onInput={(e) => onUrl(e.currentTarget.value)}
          spellcheck={false}
        />
      </label>
      <label class="grow">
        {t('sync.browserName')}
        <input
          dir="auto"
          name="device-name"
          value={deviceName}
          maxLength={100}
          onInput={(e) => onDeviceName(e.currentTarget.value)}
        />
      </label>
    </div>
  );
}
