export type HiddenDuplicate = {
  authorId: string;
  articleId: string;
  start: number;
  end: number;
  copies: number;
  exact: string;
};
export function findHiddenDuplicates(connectionString: string): Promise<HiddenDuplicate[]>;
export function assertNoHiddenDuplicates(connectionString: string): Promise<void>;
