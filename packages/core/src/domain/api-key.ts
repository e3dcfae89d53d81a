export type Role = 'admin' | 'customer';

/** A stored API key: only the SHA-256 of the secret is kept. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  keyHash: string;
  role: Role;
  customerId: string | null;
  createdAt: string;
}
