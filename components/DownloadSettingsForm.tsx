import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../utils/i18n';
import { CONFLICT_ACTIONS, SMALL_FILE_DELAY_MAX_SEC, type ConflictAction } from '../utils/settings';
import { NumberSetting, TemplateSetting } from './SettingFields';
import { StatusLine } from './StatusLine';
import { useSettingsForm } from './use-settings';

const CONFLICT_LABEL: Readonly<Record<ConflictAction, MessageKey>> = {
  uniquify: 'conflictUniquify',
  overwrite: 'conflictOverwrite',
};

type NotifyKey = 'notifyPackageDone' | 'notifyNeedsUser' | 'notifyFlood';

const NOTIFY: readonly { key: NotifyKey; label: MessageKey }[] = [
  { key: 'notifyPackageDone', label: 'notifyPackage' },
  { key: 'notifyNeedsUser', label: 'notifyNeedsUser' },
  { key: 'notifyFlood', label: 'notifyFlood' },
];

/**
 * The options page's Downloads group: parallel downloads, the subfolder template, what to do when
 * the file exists, the pause between small files, and the notifications. Each change is stored at
 * once (the background reads the settings on every use) and confirmed in the group's live region;
 * a value out of range is refused with the reason and never stored.
 */
export function DownloadSettingsForm() {
  const { settings, error, status, store, refuse } = useSettingsForm();
  // The example's `{date}`: today, as of opening the page.
  const [now] = useState(() => Date.now());
  if (!settings) return error ? <p class="status status-error">{error}</p> : null;

  return (
    <div class="download-settings">
      <NumberSetting
        id="set-parallel"
        label={t('setParallel')}
        value={settings.parallel}
        min={1}
        max={10}
        bad={t('setParallelBad')}
        onSave={(parallel) => store({ parallel })}
        onRefuse={refuse}
      />
      <TemplateSetting
        id="set-template"
        value={settings.subfolderTemplate}
        now={now}
        onSave={(subfolderTemplate) => store({ subfolderTemplate })}
        onRefuse={refuse}
      />
      <div class="field">
        <label for="set-conflict">{t('setConflict')}</label>
        <select
          id="set-conflict"
          value={settings.conflictAction}
          onChange={(e) => store({ conflictAction: e.currentTarget.value as ConflictAction })}
        >
          {CONFLICT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(CONFLICT_LABEL[action])}
            </option>
          ))}
        </select>
      </div>
      <NumberSetting
        id="set-small-delay"
        label={t('setSmallDelay')}
        hint={t('setSmallDelayHint')}
        value={settings.smallFileDelaySec}
        min={0}
        max={SMALL_FILE_DELAY_MAX_SEC}
        bad={t('setSmallDelayBad')}
        onSave={(smallFileDelaySec) => store({ smallFileDelaySec })}
        onRefuse={refuse}
      />
      {NOTIFY.map(({ key, label }) => (
        <div class="field" key={key}>
          <label class="check">
            <input
              type="checkbox"
              checked={settings[key]}
              onChange={(e) => store({ [key]: e.currentTarget.checked })}
            />
            {t(label)}
          </label>
        </div>
      ))}
      <StatusLine status={status} />
      {error && <p class="status status-error">{error}</p>}
    </div>
  );
}
