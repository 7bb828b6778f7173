import { AppSecrets } from '../crypto/app-secrets';
import { MasterKeyRotation } from '../crypto/master-key-rotation';
import { WrappedKeyRegistry } from '../crypto/wrapped-key.registry';
import { WrappedKeyRepository } from '../crypto/wrapped-key.repository';
import { FileStore } from './file-store';
import { FilesRepository } from './files.repository';

/** Providers of encrypted attachments and master-key rotation, registered by CoreModule. */
export const FILES_PROVIDERS = [
  WrappedKeyRegistry,
  WrappedKeyRepository,
  MasterKeyRotation,
  FilesRepository,
  FileStore,
  AppSecrets,
];

/** What features may inject: FileStore, app secrets, the wrapped-key registry and the rotation (CLI). */
export const FILES_EXPORTS = [WrappedKeyRegistry, MasterKeyRotation, FileStore, AppSecrets];
