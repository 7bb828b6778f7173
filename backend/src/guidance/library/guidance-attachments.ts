import type { FileKind } from '../../core/files/file-kinds';
import type { FileStore, StoredFileInfo } from '../../core/files/file-store';
import type { GuidanceAttachmentDto } from './dto/guidance.dto';

/** Owner type of an article's files in the FileStore. */
export const ATTACHMENT_OWNER = 'guidance';
/** Documents and pictures an article may carry (type checked by content). */
export const ATTACHMENT_KINDS: readonly FileKind[] = ['pdf', 'png', 'jpeg'];
export const MAX_ATTACHMENTS = 10;
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

export function attachmentDto(info: StoredFileInfo): GuidanceAttachmentDto {
  return {
    id: info.id,
    name: info.displayName,
    mediaType: info.mediaType,
    size: info.size,
    createdAt: info.createdAt.toISOString(),
  };
}

/** An article's attachments, oldest first (metadata only; at most MAX_ATTACHMENTS). */
export async function attachmentsOf(
  files: FileStore,
  articleId: string,
): Promise<GuidanceAttachmentDto[]> {
  const ids = await files.idsOf(ATTACHMENT_OWNER, articleId);
  return Promise.all(ids.map(async (id) => attachmentDto(await files.info(id))));
}
