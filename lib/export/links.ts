import type { ExportArticle, ExportEntity } from "./types";

/**
 * The absolute URLs an export names. W3C requires absolute IRIs for ids, and
 * ANCHORING.md fixes the target: `source` is the revision's canonical text
 * (served as text/plain), `scope` the article page.
 */
export type ExportLinks = {
  /** The reader page of an article. */
  articlePage(article: Pick<ExportArticle, "id">): string;
  /** The canonical text of the exported revision (`text/plain; charset=utf-8`). */
  revisionText(article: Pick<ExportArticle, "id" | "revisionNumber">): string;
  annotation(id: string): string;
  relation(id: string): string;
  comment(id: string): string;
  /** The entity's page in the workspace. */
  entity(entity: Pick<ExportEntity, "id">): string;
  /** The entity's identity elsewhere: Wikidata ids become entity IRIs, URLs stay as they are. */
  externalEntity(entity: Pick<ExportEntity, "externalId">): string | null;
  user(id: string): string;
};

const WIKIDATA_ID = /^Q[1-9]\d*$/;

/** Links into the workspace `workspaceId` of the app served at `baseUrl` (NEXTAUTH_URL). */
export function createExportLinks(baseUrl: string, workspaceId: string): ExportLinks {
  const base = baseUrl.replace(/\/+$/, "");
  const ws = encodeURIComponent(workspaceId);
  const api = `${base}/api/workspaces/${ws}`;
  const app = `${base}/w/${ws}`;
  const seg = encodeURIComponent;
  return {
    articlePage: (article) => `${app}/articles/${seg(article.id)}`,
    revisionText: (article) => `${api}/articles/${seg(article.id)}/revisions/${article.revisionNumber}/text`,
    annotation: (id) => `${api}/annotations/${seg(id)}`,
    relation: (id) => `${api}/relations/${seg(id)}`,
    comment: (id) => `${api}/comments/${seg(id)}`,
    entity: (entity) => `${app}/entities/${seg(entity.id)}`,
    externalEntity: ({ externalId }) => {
      if (!externalId) return null;
      if (WIKIDATA_ID.test(externalId)) return `http://www.wikidata.org/entity/${externalId}`;
      return /^https?:\/\//i.test(externalId) ? externalId : null;
    },
    user: (id) => `${app}/members#user-${seg(id)}`,
  };
}
