// The floor of the inbox benchmark: the SQL that InboxRepository.page runs for a handler whose
// scope is the whole organisation (one path prefix, not routed away), straight against SQLite.
const COLUMNS = `c.*, unit.name AS unitName, assignee.displayName AS assigneeName`;
const FROM = `FROM cases c
  INNER JOIN org_units unit ON unit.id = c.unitId
  LEFT JOIN users assignee ON assignee.id = c.assigneeId
  WHERE (EXISTS (SELECT 1 FROM org_units casl_unit WHERE casl_unit.id = c.unitId AND casl_unit.path LIKE ? ESCAPE '\\')
    AND (c.routedAwayFrom IS NULL OR c.routedAwayFrom <> ?))`;

export function inboxFloor(db, handlerId) {
  const scope = `${db.prepare('SELECT path FROM org_units WHERE parentId IS NULL').get().path}%`;
  const page1 = db.prepare(
    `SELECT ${COLUMNS} ${FROM} ORDER BY c.receivedAt DESC, c.id DESC LIMIT 26`,
  );
  const deep = db.prepare(
    `SELECT ${COLUMNS} ${FROM} AND (c.receivedAt <= ? AND (c.receivedAt < ? OR c.id < ?))
     ORDER BY c.receivedAt DESC, c.id DESC LIMIT 26`,
  );
  // the row a deep page starts after: the n-th in inbox order
  const rowAt = (n) =>
    db
      .prepare(
        `SELECT c.receivedAt, c.id ${FROM} ORDER BY c.receivedAt DESC, c.id DESC LIMIT 1 OFFSET ?`,
      )
      .get(scope, handlerId, n - 1);
  const after = rowAt(5000);
  const veryDeep = rowAt(150000);
  return {
    page1: () => page1.all(scope, handlerId),
    deep: () => deep.all(scope, handlerId, after.receivedAt, after.receivedAt, after.id),
    veryDeep: () =>
      deep.all(scope, handlerId, veryDeep.receivedAt, veryDeep.receivedAt, veryDeep.id),
    /** The 150,000th row, to build the API's cursor for the same page. */
    veryDeepRow: veryDeep,
  };
}
