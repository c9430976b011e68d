// The few places where the two dialects' DDL differ, so each migration writes its tables once.

export interface ColumnTypes {
  /** Identifier columns (serials, ids, chains): PostgreSQL sorts them bytewise like SQLite, so keyset
   *  pagination (`serial > ?`) and ORDER BY agree between the two, whatever the cluster's locale. */
  readonly key: string;
  readonly int64: string;
  readonly bytes: string;
  bool(column: string): string;
  /** A generated integer primary key. */
  readonly identity: string;
  /** The database's clock in Unix milliseconds, for columns the domain has no value for. */
  readonly nowMs: string;
  /** Table options: SQLite's STRICT makes it refuse values of the wrong type, as PostgreSQL does. */
  readonly tableOptions: string;
}

export const SQLITE_TYPES: ColumnTypes = {
  key: 'TEXT',
  int64: 'INTEGER',
  bytes: 'BLOB',
  bool: (column) => `INTEGER CHECK (${column} IN (0, 1))`,
  identity: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  nowMs: "(CAST(unixepoch('subsec') * 1000 AS INTEGER))",
  tableOptions: ' STRICT',
};

export const POSTGRES_TYPES: ColumnTypes = {
  key: 'TEXT COLLATE "C"',
  int64: 'BIGINT',
  bytes: 'BYTEA',
  bool: () => 'BOOLEAN',
  identity: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  nowMs: '(CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT))',
  tableOptions: '',
};
