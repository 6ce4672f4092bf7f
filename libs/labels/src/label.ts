/** A code's label in both languages the product speaks. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

/** One domain's labels, keyed by the stored code, in the order a select offers them. */
export type LabelTable = Readonly<Record<string, Label>>;
