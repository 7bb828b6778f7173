import {
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import {
  LIMITS,
  WELFARE_CATEGORY,
  type Category,
  type ExposedFunction,
  type InfluencerType,
  type IrregularityKind,
  type PerceivedPurpose,
  type PublicReportRequest,
  type ReportIntakeFields,
  type ReportWelfareFields,
  type SignedInConfidentiality,
  type SignedInReportRequest,
  type Situation,
  type Track,
} from './report.models';

export type ReportMode = 'anonymous' | 'signedIn';
type YesNo = '' | 'yes' | 'no';

/**
 * The report form. Its shape follows the API body (`intake.*`, `welfare.*`), so the server's
 * field errors land on the right control. A select left empty is `''`.
 */
export type ReportForm = FormGroup<{
  acuteDanger: FormControl<YesNo>;
  track: FormControl<'' | Track>;
  category: FormControl<'' | Category>;
  irregularityKind: FormControl<'' | IrregularityKind>;
  unitId: FormControl<string>;
  description: FormControl<string>;
  intake: FormGroup<{
    occurredOn: FormControl<string>;
    exposedFunction: FormControl<'' | ExposedFunction>;
    situation: FormControl<'' | Situation>;
    perceivedPurpose: FormControl<'' | PerceivedPurpose>;
    influencerType: FormControl<'' | InfluencerType>;
    repeated: FormControl<YesNo>;
    relatedReference: FormControl<string>;
    wantsContact: FormControl<boolean>;
  }>;
  welfare: FormGroup<{
    contractOrSupplier: FormControl<string>;
    periodFrom: FormControl<string>;
    periodTo: FormControl<string>;
    amountSek: FormControl<string>;
    noticedHow: FormControl<string>;
  }>;
  confidentiality: FormControl<'' | SignedInConfidentiality>;
  concernsHandler: FormControl<boolean>;
  concernsHandlerId: FormControl<string>;
}>;

export type ReportFormValue = ReturnType<ReportForm['getRawValue']>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date field: empty, or a real calendar date `YYYY-MM-DD` not in the future. */
export function pastDate(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value;
  if (!value) return null;
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return { date: true };
  const today = new Date();
  const local = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(
    today.getDate(),
  ).padStart(2, '0')}`;
  return value > local ? { futureDate: true } : null;
}

/** Whole kronor, spaces allowed as thousands separators (`1 250 000`). */
export function parseAmount(value: string): number | null {
  const digits = value.replace(/[\s\u00a0]/g, '');
  if (!digits) return null;
  if (!/^\d{1,13}$/.test(digits)) return Number.NaN;
  return Number(digits);
}

function amount(control: AbstractControl<string>): ValidationErrors | null {
  const parsed = parseAmount(control.value ?? '');
  return parsed !== null && Number.isNaN(parsed) ? { amount: true } : null;
}

/** The period's end is not before its start. */
function period(group: AbstractControl): ValidationErrors | null {
  const from = (group.get('periodFrom')?.value as string | undefined) ?? '';
  const to = (group.get('periodTo')?.value as string | undefined) ?? '';
  return from && to && to < from ? { periodOrder: true } : null;
}

export function reportForm(fb: NonNullableFormBuilder, mode: ReportMode): ReportForm {
  const form: ReportForm = fb.group({
    acuteDanger: fb.control<YesNo>('', Validators.required),
    track: fb.control<'' | Track>('', Validators.required),
    category: fb.control<'' | Category>('', Validators.required),
    irregularityKind: fb.control<'' | IrregularityKind>('', Validators.required),
    unitId: fb.control('', Validators.required),
    description: fb.control('', [
      Validators.required,
      Validators.maxLength(LIMITS.description),
      Validators.pattern(/\S/),
    ]),
    intake: fb.group({
      occurredOn: fb.control('', pastDate),
      exposedFunction: fb.control<'' | ExposedFunction>(''),
      situation: fb.control<'' | Situation>(''),
      perceivedPurpose: fb.control<'' | PerceivedPurpose>(''),
      influencerType: fb.control<'' | InfluencerType>(''),
      repeated: fb.control<YesNo>(''),
      relatedReference: fb.control('', Validators.maxLength(LIMITS.relatedReference)),
      wantsContact: fb.control(true),
    }),
    welfare: fb.group(
      {
        contractOrSupplier: fb.control('', [
          Validators.required,
          Validators.maxLength(LIMITS.contractOrSupplier),
          Validators.pattern(/\S/),
        ]),
        periodFrom: fb.control('', pastDate),
        periodTo: fb.control('', pastDate),
        amountSek: fb.control('', amount),
        noticedHow: fb.control('', Validators.maxLength(LIMITS.noticedHow)),
      },
      { validators: period },
    ),
    confidentiality: fb.control<'' | SignedInConfidentiality>('', Validators.required),
    concernsHandler: fb.control(false),
    concernsHandlerId: fb.control('', Validators.required),
  });
  if (mode === 'anonymous') form.controls.confidentiality.disable();
  syncBranches(form);
  return form;
}

/**
 * Enables the controls that apply to the answers so far: the welfare-crime branch only for
 * `valfardsbrott`, the handler pick only when the report concerns one. Disabled controls neither
 * block the step nor go to the API, but keep what was typed in case the person changes back.
 */
export function syncBranches(form: ReportForm): void {
  const welfare = form.controls.category.value === WELFARE_CATEGORY;
  toggle(form.controls.welfare, welfare);
  toggle(form.controls.irregularityKind, welfare);
  toggle(form.controls.concernsHandlerId, form.controls.concernsHandler.value);
}

function toggle(control: AbstractControl, enabled: boolean): void {
  if (enabled && control.disabled) control.enable({ emitEvent: false });
  if (!enabled && control.enabled) control.disable({ emitEvent: false });
}

const trimmed = (value: string): string | undefined => value.trim() || undefined;
const orUndefined = <T extends string>(value: '' | T): T | undefined => value || undefined;

/** The form's answers as the public API's body (empty optional answers are left out). */
export function publicRequest(form: ReportForm): PublicReportRequest {
  const v = form.getRawValue();
  const welfareBranch = v.category === WELFARE_CATEGORY;
  const intake: ReportIntakeFields = {
    occurredOn: v.intake.occurredOn || undefined,
    exposedFunction: orUndefined(v.intake.exposedFunction),
    situation: orUndefined(v.intake.situation),
    perceivedPurpose: orUndefined(v.intake.perceivedPurpose),
    influencerType: orUndefined(v.intake.influencerType),
    repeated: v.intake.repeated ? v.intake.repeated === 'yes' : undefined,
    relatedReference: trimmed(v.intake.relatedReference),
    wantsContact: v.intake.wantsContact,
    acuteDanger: v.acuteDanger === 'yes',
  };
  const request: PublicReportRequest = {
    track: v.track as Track,
    category: v.category as Category,
    description: v.description.trim(),
    unitId: v.unitId,
    intake: dropUndefined(intake),
  };
  if (welfareBranch) {
    request.irregularityKind = v.irregularityKind as IrregularityKind;
    const amountSek = parseAmount(v.welfare.amountSek);
    const welfare: ReportWelfareFields = {
      contractOrSupplier: v.welfare.contractOrSupplier.trim(),
      periodFrom: v.welfare.periodFrom || undefined,
      periodTo: v.welfare.periodTo || undefined,
      amountSek: amountSek === null ? undefined : amountSek,
      noticedHow: trimmed(v.welfare.noticedHow),
    };
    request.welfare = dropUndefined(welfare);
  }
  return request;
}

/** The signed-in API's body: the public body plus how the reporter is known. */
export function signedInRequest(form: ReportForm): SignedInReportRequest {
  const v = form.getRawValue();
  const request: SignedInReportRequest = {
    ...publicRequest(form),
    confidentiality: v.confidentiality || 'confidential',
  };
  if (v.concernsHandler && v.concernsHandlerId) request.concernsHandlerId = v.concernsHandlerId;
  return request;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
