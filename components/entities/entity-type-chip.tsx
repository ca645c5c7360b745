type EntityTypeChipProps = { type: { name: string; color: string }; archived?: boolean };

/** An entity type's name with its colour dot; the colour is decoration, the name carries the meaning. */
export function EntityTypeChip({ type, archived = false }: EntityTypeChipProps) {
  return (
    <span className={`badge entity-type-chip${archived ? " entity-type-chip-archived" : ""}`}>
      <span className="entity-dot" style={{ background: type.color }} aria-hidden="true" />
      {type.name}
      {archived ? <span className="visually-hidden"> (archived)</span> : null}
    </span>
  );
}
