import { useState } from 'preact/hooks';
import { formatNumber, type Lang } from '../utils/format';
import { t } from '../utils/i18n';
import { decimalNumber, templateExamples, templateMessage, wholeNumber } from './download-fields';

/**
 * The text of a field bound to a stored value: what the user typed, until the stored value itself
 * changes (a save, or another page). A value that was refused is never stored, so it stays typed.
 * Derived during render rather than in an effect, so a pending effect can never overwrite what
 * was just typed.
 */
export function useFieldText(value: string): [string, (text: string) => void] {
  const [field, setField] = useState({ value, text: value });
  const setText = (text: string) => setField({ value, text });
  if (field.value !== value) {
    setField({ value, text: value });
    return [value, setText];
  }
  return [field.text, setText];
}

/** What a bounded number field needs to parse, save and refuse. */
interface NumberFieldProps {
  min: number;
  max: number;
  bad: string;
  onSave: (n: number) => void;
  onRefuse: (message: string) => void;
}

/**
 * A number field's text and its commit: a value `parse` accepts within the bounds is saved, any
 * other is refused with `bad` and stays typed.
 */
function useNumberField(
  shown: string,
  parse: (text: string, min: number, max: number) => number | undefined,
  props: NumberFieldProps,
) {
  const [text, setText] = useFieldText(shown);
  function commit(next: string) {
    setText(next);
    const n = parse(next, props.min, props.max);
    if (n === undefined) props.onRefuse(props.bad);
    else props.onSave(n);
  }
  return { text, setText, valid: parse(text, props.min, props.max) !== undefined, commit };
}

export interface NumberSettingProps {
  id: string;
  label: string;
  hint?: string;
  value: number;
  min: number;
  max: number;
  /** What is wrong with a refused value, in words. */
  bad: string;
  onSave: (n: number) => void;
  onRefuse: (message: string) => void;
}

/** A whole number within bounds, saved when the user commits it (Enter, leaving the field, arrows). */
export function NumberSetting(props: NumberSettingProps) {
  const { text, setText, valid, commit } = useNumberField(String(props.value), wholeNumber, props);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={1}
        value={text}
        aria-invalid={!valid}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => commit(e.currentTarget.value)}
      />
      {props.hint && (
        <p id={`${props.id}-hint`} class="muted hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

export interface TemplateSettingProps {
  id: string;
  value: string;
  /** For the example's `{date}`. */
  now: number;
  onSave: (template: string) => void;
  onRefuse: (message: string) => void;
}

/**
 * The subfolder template: checked as it is typed (what is wrong, or where a sample file would
 * go), saved when committed and valid; a refused template stays in the field, unsaved.
 */
export function TemplateSetting({ id, value, now, onSave, onRefuse }: TemplateSettingProps) {
  const [text, setText] = useFieldText(value);
  const problem = templateMessage(text);
  const examples = problem ? undefined : templateExamples(text, now);
  function commit(next: string) {
    setText(next);
    const refused = templateMessage(next);
    if (refused) onRefuse(refused);
    else onSave(next.trim());
  }
  return (
    <div class="field">
      <label for={id}>{t('setTemplate')}</label>
      <input
        id={id}
        type="text"
        spellcheck={false}
        autocomplete="off"
        placeholder="1Fichier/{site}/{date}"
        value={text}
        aria-invalid={problem !== undefined}
        aria-describedby={`${id}-hint ${id}-check`}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => commit(e.currentTarget.value)}
      />
      <p id={`${id}-hint`} class="muted hint">
        {t('setTemplateHint')}
      </p>
      <div id={`${id}-check`} class="hint">
        {problem && <p class="status-error">{problem}</p>}
        {examples && (
          <>
            <p class="template-example">{t('setTemplateExample', examples.file)}</p>
            <p class="template-example">{t('setTemplateFolderExample', examples.folderFile)}</p>
          </>
        )}
      </div>
    </div>
  );
}

/** `1.5` / `1,5`: a decimal as the language writes it, without grouping. */
export function formatDecimal(n: number, lang: Lang): string {
  return formatNumber(n, lang, {
    maximumFractionDigits: 3,
    useGrouping: false,
  });
}

export interface DecimalSettingProps extends NumberSettingProps {
  hint: string;
  /** How the stored value is written back into the field. */
  lang: Lang;
}

/**
 * A decimal number within bounds, typed with a point or a comma (`1.5`, `1,5`): a plain text field
 * (a number input would silently empty `1,5` in some locales). Saved when committed and valid;
 * a refused value stays in the field with the reason under it.
 */
export function DecimalSetting(props: DecimalSettingProps) {
  const shown = formatDecimal(props.value, props.lang);
  const { text, setText, valid, commit } = useNumberField(shown, decimalNumber, props);
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        inputMode="decimal"
        autocomplete="off"
        spellcheck={false}
        size={6}
        value={text}
        aria-invalid={!valid}
        aria-describedby={`${props.id}-hint ${props.id}-check`}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => commit(e.currentTarget.value)}
      />
      <p id={`${props.id}-hint`} class="muted hint">
        {props.hint}
      </p>
      <p id={`${props.id}-check`} class="hint status-error">
        {valid ? '' : props.bad}
      </p>
    </div>
  );
}
