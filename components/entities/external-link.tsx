import { externalHref } from "./entity-format";

type ExternalLinkProps = { externalId: string };

/** An entity's external reference: a link for Wikidata ids and http(s) URLs, plain text otherwise. */
export function ExternalLink({ externalId }: ExternalLinkProps) {
  const href = externalHref(externalId);
  if (!href) return <span className="entity-external-text">{externalId}</span>;
  const label = /^Q\d+$/.test(externalId.trim()) ? `Wikidata ${externalId.trim()}` : externalId;
  return (
    <a className="entity-external-link" href={href} target="_blank" rel="noopener noreferrer nofollow">
      {label}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
