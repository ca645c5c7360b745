/** "Ana Silva" → "AS"; one letter for one-word names. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => [...w][0]?.toLocaleUpperCase("en") ?? "").join("") || "?";
}

/** Dark enough for white initials (WCAG AA), distinct enough to tell people apart. */
const AVATAR_COLORS = ["#1f3fa8", "#7a2e8e", "#0f6b5c", "#9a3412", "#3f5a14", "#8a1c3c", "#2d4f7c", "#5b3a9a"];

/** A person's colour: the same on every page and for everyone. */
export function personColor(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return AVATAR_COLORS[Math.abs(hash) % AVATAR_COLORS.length];
}

type AvatarProps = {
  person: { id: string; name: string };
  size?: "small" | "medium";
  /** Next to the name already: hidden from assistive tech. Otherwise named by `label` or the person's name. */
  decorative?: boolean;
  label?: string;
};

/** A person's initials in a circle of their colour. */
export function Avatar({ person, size = "medium", decorative = false, label }: AvatarProps) {
  return (
    <span
      className={`avatar avatar-${size}`}
      style={{ background: personColor(person.id) }}
      {...(decorative
        ? { "aria-hidden": true }
        : { role: "img", "aria-label": label ?? person.name, title: label ?? person.name })}
    >
      {initials(person.name)}
    </span>
  );
}
