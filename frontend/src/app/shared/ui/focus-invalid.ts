/** Moves focus to the first invalid field of a form, so keyboard and screen reader users land on it. */
export function focusFirstInvalid(root: HTMLElement): void {
  const field = root.querySelector<HTMLElement>(
    'input.ng-invalid, select.ng-invalid, textarea.ng-invalid, mat-select.ng-invalid',
  );
  field?.focus();
}
