// Typed builders for every Canvas Kit component Ferry may show (2.11 *_component schemas). Each builder takes
// the component's id as a string literal so a screen's ids form a union its submit handler switches on, and
// checks Intercom's limits (2–10 options) when the canvas is built.
import { assertOptionCount, CanvasLimitError } from './limits.js';

export interface SubmitAction {
  type: 'submit';
}
export interface UrlAction {
  type: 'url';
  url: string;
}
export type Action = SubmitAction | UrlAction;

export const submitAction = (): SubmitAction => ({ type: 'submit' });
export const urlAction = (url: string): UrlAction => ({ type: 'url', url });

type SaveState = 'unsaved' | 'saved' | 'failed';
type BottomMargin = { bottom_margin?: 'none' };

export interface TextComponent extends BottomMargin {
  type: 'text';
  id?: string;
  text: string;
  align?: 'left' | 'center' | 'right';
  style?: 'header' | 'paragraph' | 'muted' | 'error';
}
export interface ButtonComponent<Id extends string = string> {
  type: 'button';
  id: Id;
  label: string;
  action: Action;
  style?: 'primary' | 'secondary' | 'link';
  disabled?: boolean;
}
export interface InputComponent<Id extends string = string> {
  type: 'input';
  id: Id;
  label?: string;
  placeholder?: string;
  value?: string;
  action?: Action;
  save_state?: SaveState;
  disabled?: boolean;
}
export interface TextAreaComponent<Id extends string = string> {
  type: 'textarea';
  id: Id;
  label?: string;
  placeholder?: string;
  value?: string;
  error?: boolean;
  disabled?: boolean;
}
export interface Option {
  type: 'option';
  id: string;
  text: string;
  disabled?: boolean;
}
export interface DropdownComponent<Id extends string = string> {
  type: 'dropdown';
  id: Id;
  options: Option[];
  label?: string;
  value?: string;
  save_state?: SaveState;
  disabled?: boolean;
}
export interface SingleSelectComponent<Id extends string = string> {
  type: 'single-select';
  id: Id;
  options: Option[];
  label?: string;
  value?: string;
  save_state?: SaveState;
  disabled?: boolean;
  action?: Action;
}
/** Note the list field: `option`, singular (2.11 checkbox_component). */
export interface CheckboxComponent<Id extends string = string> {
  type: 'checkbox';
  id: Id;
  option: Option[];
  label: string;
  value?: string[];
  save_state?: SaveState;
  disabled?: boolean;
}
export interface ListItem {
  type: 'item';
  id: string;
  title: string;
  subtitle?: string;
  tertiary_text?: string;
  disabled?: boolean;
  action?: Action;
}
export interface ListComponent {
  type: 'list';
  items: ListItem[];
  disabled?: boolean;
}
export interface DataTableComponent {
  type: 'data-table';
  items: { type: 'field-value'; field: string; value: string }[];
}
export interface ImageComponent extends BottomMargin {
  type: 'image';
  id?: string;
  url: string;
  width: number;
  height: number;
  align?: 'left' | 'center' | 'right' | 'full_width';
  rounded?: boolean;
  action?: UrlAction;
}
export interface DividerComponent extends BottomMargin {
  type: 'divider';
  id?: string;
}
export type SpacerSize = 'xs' | 's' | 'm' | 'l' | 'xl';
export interface SpacerComponent {
  type: 'spacer';
  id?: string;
  size?: SpacerSize;
}

export type Component<Id extends string = string> =
  | TextComponent
  | ButtonComponent<Id>
  | InputComponent<Id>
  | TextAreaComponent<Id>
  | DropdownComponent<Id>
  | SingleSelectComponent<Id>
  | CheckboxComponent<Id>
  | ListComponent
  | DataTableComponent
  | ImageComponent
  | DividerComponent
  | SpacerComponent;

type Extra<T, K extends keyof T> = Partial<Omit<T, 'type' | K>>;

export const text = (value: string, extra: Extra<TextComponent, 'text'> = {}): TextComponent => ({
  type: 'text',
  text: value,
  ...extra,
});

export const button = <Id extends string>(
  id: Id,
  label: string,
  action: Action,
  extra: Extra<ButtonComponent<Id>, 'id' | 'label' | 'action'> = {},
): ButtonComponent<Id> => ({ type: 'button', id, label, action, ...extra });

export const input = <Id extends string>(
  id: Id,
  extra: Extra<InputComponent<Id>, 'id'> = {},
): InputComponent<Id> => ({ type: 'input', id, ...extra });

export const textarea = <Id extends string>(
  id: Id,
  extra: Extra<TextAreaComponent<Id>, 'id'> = {},
): TextAreaComponent<Id> => ({ type: 'textarea', id, ...extra });

/** Options from [id, text] pairs (or full options when one must be disabled). */
export type OptionInput = readonly [id: string, text: string] | Option;
function toOptions(options: readonly OptionInput[]): Option[] {
  return options.map((o) => ('type' in o ? o : { type: 'option', id: o[0], text: o[1] }));
}

export const dropdown = <Id extends string>(
  id: Id,
  options: readonly OptionInput[],
  extra: Extra<DropdownComponent<Id>, 'id' | 'options'> = {},
): DropdownComponent<Id> => {
  assertOptionCount('dropdown', id, options.length);
  return { type: 'dropdown', id, options: toOptions(options), ...extra };
};

export const singleSelect = <Id extends string>(
  id: Id,
  options: readonly OptionInput[],
  extra: Extra<SingleSelectComponent<Id>, 'id' | 'options'> = {},
): SingleSelectComponent<Id> => {
  assertOptionCount('single-select', id, options.length);
  return { type: 'single-select', id, options: toOptions(options), ...extra };
};

export const checkbox = <Id extends string>(
  id: Id,
  label: string,
  options: readonly OptionInput[],
  extra: Extra<CheckboxComponent<Id>, 'id' | 'label' | 'option'> = {},
): CheckboxComponent<Id> => {
  // 2.11 checkbox_component: "Minimum of 1" (a lone "I agree" box is valid); the 2–10 rule is for choices.
  if (options.length < 1) throw new CanvasLimitError(`checkbox "${id}" needs at least one option`);
  return { type: 'checkbox', id, label, option: toOptions(options), ...extra };
};

export const listItem = (
  id: string,
  title: string,
  extra: Extra<ListItem, 'id' | 'title'> = {},
): ListItem => ({
  type: 'item',
  id,
  title,
  ...extra,
});

export const list = (items: ListItem[], extra: Extra<ListComponent, 'items'> = {}): ListComponent => ({
  type: 'list',
  items,
  ...extra,
});

export const dataTable = (
  rows: readonly (readonly [field: string, value: string])[],
): DataTableComponent => ({
  type: 'data-table',
  items: rows.map(([field, value]) => ({ type: 'field-value', field, value })),
});

export const image = (
  url: string,
  width: number,
  height: number,
  extra: Extra<ImageComponent, 'url' | 'width' | 'height'> = {},
): ImageComponent => ({ type: 'image', url, width, height, ...extra });

export const divider = (extra: Extra<DividerComponent, never> = {}): DividerComponent => ({
  type: 'divider',
  ...extra,
});

export const spacer = (size: SpacerSize = 's'): SpacerComponent => ({ type: 'spacer', size });
