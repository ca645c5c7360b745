/** A speech bubble, for comment counts. */
export function CommentIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="comment-icon">
      <path
        d="M3 2h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H7l-3.5 2.8A.5.5 0 0 1 2.7 14.4V12H3a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Z"
        fill="currentColor"
      />
    </svg>
  );
}
