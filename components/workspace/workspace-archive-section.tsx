type WorkspaceArchiveSectionProps = { workspaceId: string };

/** For owners: download the whole workspace as an archive, to import it into another installation. */
export function WorkspaceArchiveSection({ workspaceId }: WorkspaceArchiveSectionProps) {
  return (
    <section className="card stack" aria-labelledby="archive-heading">
      <h2 id="archive-heading">Move this workspace</h2>
      <p>
        The archive holds the whole workspace — members by email, entity types and entities, every revision of every
        article, annotations and relations with their review state, threads with their history, assignments and the
        activity log — as one zip file. Import it from <strong>Your workspaces → Import a workspace archive</strong> in
        another installation.
      </p>
      <div>
        {/* A plain link: the browser streams the download to disk and shows its progress. */}
        <a className="button" href={`/api/workspaces/${workspaceId}/archive`} download>
          Download workspace archive
        </a>
      </div>
    </section>
  );
}
