type ActivityLike = { action: string; data: unknown };

function field(data: unknown, key: string): string | undefined {
  const value = data && typeof data === "object" ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : undefined;
}

const lower = (role?: string) => role?.toLowerCase() ?? "member";

/** A sentence for one activity event, for people reading the log. */
export function describeActivity(event: ActivityLike): string {
  const { data } = event;
  switch (event.action) {
    case "workspace.created":
      return `created the workspace “${field(data, "name") ?? ""}”`;
    case "workspace.updated": {
      const changed = (data as { changed?: string[] } | null)?.changed ?? ["name"];
      const parts = [];
      if (changed.includes("name")) parts.push(`renamed the workspace to “${field(data, "name") ?? ""}”`);
      if (changed.includes("selfReviewAllowed")) {
        const allowed = (data as { selfReviewAllowed?: boolean }).selfReviewAllowed;
        parts.push(
          allowed
            ? "let reviewers review their own annotations"
            : "required a second reviewer for reviewers' own annotations",
        );
      }
      return parts.join(" and ");
    }
    case "workspace.archive_imported":
      return `imported the workspace “${field(data, "name") ?? ""}” from an archive`;
    case "member.invited":
      return `created an invitation link for a new ${lower(field(data, "role"))}`;
    case "member.invitation_revoked":
      return "revoked an invitation link";
    case "member.joined":
      return `joined as ${lower(field(data, "role"))}`;
    case "member.role_changed":
      return `changed ${field(data, "name") ?? "a member"}’s role from ${lower(field(data, "from"))} to ${lower(field(data, "to"))}`;
    case "member.removed":
      return `removed ${field(data, "name") ?? "a member"}`;
    case "member.left":
      return "left the workspace";
    case "article.imported":
      return `imported “${field(data, "title") ?? "an article"}”`;
    case "article.deleted":
      return "deleted an article";
    case "article.restored":
      return "restored an article";
    case "article.revised":
      return `saved revision ${String((data as { revision?: number })?.revision ?? "")} of an article`;
    case "article.curated": {
      const n = (key: string) => Number((data as Record<string, unknown> | null)?.[key] ?? 0);
      const what = field(data, "kind") === "relations" ? " relations" : "";
      return `curated “${field(data, "title") ?? "an article"}”: accepted ${n("accepted")}${what}, rejected ${n("rejected")}${what}`;
    }
    case "annotation.reviewed": {
      const decision = field(data, "decision");
      const quote = field(data, "exact") ?? "";
      if (decision === "ACCEPTED") return `accepted “${quote}”`;
      if (decision === "REJECTED") return `rejected “${quote}”: ${field(data, "reason") ?? ""}`;
      return `reopened the review of “${quote}”`;
    }
    case "comment.created":
      return `commented “${field(data, "excerpt") ?? ""}”`;
    case "comment.updated":
      return "edited a comment";
    case "comment.deleted":
      return "deleted a comment";
    case "comment.restored":
      return "restored a comment";
    case "comment.hidden":
      return "hid a comment";
    case "comment.shown":
      return "showed a hidden comment again";
    case "thread.resolved":
      return "resolved a discussion";
    case "thread.reopened":
      return "reopened a discussion";
    case "api_token.created":
      return `created the ${field(data, "scope") === "READ_WRITE" ? "read-write" : "read-only"} API token “${field(data, "name") ?? ""}”`;
    case "api_token.revoked":
      return `revoked the API token “${field(data, "name") ?? ""}”`;
    case "saved_search.created":
      return `saved the search “${field(data, "name") ?? ""}”`;
    case "saved_search.renamed":
      return `renamed the saved search “${field(data, "previousName") ?? ""}” to “${field(data, "name") ?? ""}”`;
    case "saved_search.deleted":
      return `deleted the saved search “${field(data, "name") ?? ""}”`;
    case "annotation.created":
      return `highlighted “${field(data, "exact") ?? ""}”`;
    case "annotation.imported": {
      const count = Number((data as { annotations?: number } | null)?.annotations ?? 0);
      const file = field(data, "filename");
      return `imported ${count} ${count === 1 ? "annotation" : "annotations"}${file ? ` from “${file}”` : ""}`;
    }
    case "annotation.updated":
      return "edited an annotation";
    case "annotation.deleted":
      return `deleted the highlight “${field(data, "exact") ?? ""}”`;
    case "annotation.restored":
      return "restored a highlight";
    case "relation.created":
      return `linked two highlights as “${field(data, "type") ?? ""}”`;
    case "relation.updated":
      return "edited a relation";
    case "relation.deleted":
      return `deleted a “${field(data, "type") ?? ""}” relation`;
    case "relation.restored":
      return `restored a “${field(data, "type") ?? ""}” relation`;
    case "relation.reviewed":
      return `reviewed a relation (${(field(data, "decision") ?? "").toLowerCase()})`;
    case "relation_type.created":
      return `added the relation type “${field(data, "name") ?? ""}”`;
    case "relation_type.updated":
      return `changed the relation type “${field(data, "name") ?? ""}”`;
    case "entity.created":
      return `added the entity “${field(data, "name") ?? ""}”`;
    case "entity.updated":
      return `edited the entity “${field(data, "name") ?? ""}”`;
    case "entity.merged":
      return `merged “${field(data, "mergedName") ?? ""}” into “${field(data, "into") ?? ""}”`;
    case "entity_type.created":
      return `added the entity type “${field(data, "name") ?? ""}”`;
    case "entity_type.updated":
      return "changed an entity type";
    case "assignment.created": {
      const due = field(data, "dueAt");
      const blind = (data as { blind?: boolean } | null)?.blind;
      return `assigned “${field(data, "title") ?? "an article"}” to ${field(data, "assigneeName") ?? "an analyst"}${blind ? " (blind)" : ""}${due ? `, due ${due}` : ""}`;
    }
    case "assignment.updated":
      return `changed ${field(data, "assigneeName") ?? "an analyst"}’s assignment of “${field(data, "title") ?? "an article"}”`;
    case "assignment.removed":
      return `took “${field(data, "title") ?? "an article"}” off ${field(data, "assigneeName") ?? "an analyst"}’s assignments`;
    case "assignment.submitted":
      return `submitted their work on “${field(data, "title") ?? "an article"}”`;
    case "assignment.reopened":
      return `reopened ${field(data, "assigneeName") ?? "an analyst"}’s work on “${field(data, "title") ?? "an article"}”`;
    default:
      return event.action;
  }
}
