/** Small controls every form of the panel uses. */

/** A failed write, in words, announced to screen readers; nothing when there is no error. */
export function ErrorText({ message }: { message: string | null }) {
  return message ? (
    <p class="error" role="alert">
      {message}
    </p>
  ) : null;
}

/** A labelled select over a fixed list of choices, each shown by its label. */
export function ChoiceSelect<T extends string>({
  label,
  name,
  value,
  options,
  labelOf,
  onChange,
}: {
  label: string;
  name: string;
  value: T;
  options: readonly T[];
  /** Each choice in words (in the user's language). */
  labelOf: (value: T) => string;
  onChange: (value: T) => void;
}) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {labelOf(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
