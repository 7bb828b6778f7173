import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { FileEntity } from './entities/file.entity';

@Injectable()
export class FilesRepository {
  constructor(private readonly db: Db) {}

  /** Must run inside `db.transaction`. */
  async insert(row: FileEntity): Promise<void> {
    await this.db.repo(FileEntity).insert(row);
  }

  find(id: string): Promise<FileEntity | null> {
    return this.db.repo(FileEntity).findOneBy({ id });
  }

  /** The owner's files, oldest first. */
  listByOwner(ownerType: string, ownerId: string): Promise<FileEntity[]> {
    return this.db
      .repo(FileEntity)
      .find({ where: { ownerType, ownerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Must run inside `db.transaction`; true when the row existed. */
  async delete(id: string): Promise<boolean> {
    const res = await this.db.repo(FileEntity).delete({ id });
    return (res.affected ?? 0) > 0;
  }
}
