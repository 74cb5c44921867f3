import { cn } from "./cn";
import { Field, inputClass } from "./field";

type Props = Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "aria-invalid" | "aria-describedby"> & {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  /** Classes for the field's wrapper (the input's own go in className). */
  fieldClassName?: string;
};

/**
 * A labelled input with its hint and errors under it: the errors make it aria-invalid and, with the
 * hint, are its accessible description. `name` defaults to the id; `name={undefined}` leaves it out.
 */
export function TextField({ id, label, hint, errors, fieldClassName, className, ...input }: Props) {
  const name = "name" in input ? input.name : id;
  return (
    <Field id={id} label={label} hint={hint} errors={errors} className={fieldClassName}>
      {(describedBy) => <input id={id} {...input} name={name} aria-invalid={Boolean(errors)} aria-describedby={describedBy} className={cn(inputClass, className)} />}
    </Field>
  );
}
