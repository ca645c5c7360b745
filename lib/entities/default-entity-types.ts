/** The entity types every new workspace starts with (owners and reviewers can change them). */
export const defaultEntityTypes = [
  { name: "Person", color: "#d94f4f", shortcut: "p" },
  { name: "Organization", color: "#2f6fd4", shortcut: "o" },
  { name: "Location", color: "#2e9e5b", shortcut: "l" },
  { name: "Event", color: "#b86bd9", shortcut: "e" },
  { name: "Other", color: "#8a8f98", shortcut: "x" },
] as const;
