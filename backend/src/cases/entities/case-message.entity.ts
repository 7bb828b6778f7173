import { Column, Entity, PrimaryColumn } from 'typeorm';

export const MESSAGE_KINDS = ['to_reporter', 'from_reporter', 'note'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * A message between handler and reporter, or a handler's internal note (never shown to the
 * reporter). The body is sealed under the case key. A reporter's message has no author id: a
 * confidential reporter's user id is never stored in clear.
 */
@Entity('case_messages')
export class CaseMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  caseId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: MessageKind;

  @Column({ type: 'varchar', length: 36, nullable: true })
  authorId: string | null;

  /** Null once the case is purged. */
  @Column({ type: 'text', nullable: true })
  bodySealed: string | null;

  @Column({ type: Date })
  createdAt: Date;

  /** When the other side first read it (handler reads reporter messages and vice versa). */
  @Column({ type: Date, nullable: true })
  readAt: Date | null;
}
