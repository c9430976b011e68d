// A schema change, written once per dialect. Versions only ever grow; a released migration is never edited
// (add a new one), because databases that already ran it would not see the edit.
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}
