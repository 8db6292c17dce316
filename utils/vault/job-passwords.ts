import type { KeyVault } from './key-vault';

/** File and folder passwords, one per job, kept encrypted in the vault as `password:<job id>`. */
export function jobPasswords(vault: Pick<KeyVault, 'getSecret' | 'setSecret' | 'deleteSecret'>) {
  return {
    get: (jobId: string) => vault.getSecret(`password:${jobId}`),
    set: (jobId: string, password: string) => vault.setSecret(`password:${jobId}`, password),
    delete: (jobId: string) => vault.deleteSecret(`password:${jobId}`),
  };
}
