import type { Repositories, Store } from '@commerce/core';

type RepositoryName = keyof Repositories;

/**
 * A store whose repositories behave as given in `overrides` and otherwise like `store`, inside
 * transactions too (a Proxy, so the store's own methods and prototype stay intact).
 */
export function overrideStore(
  store: Store,
  overrides: { [R in RepositoryName]?: Partial<Repositories[R]> },
): Store {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, name, receiver) {
        const repository: unknown = Reflect.get(object, name, receiver);
        const override = overrides[name as RepositoryName];
        if (name === 'transaction' && typeof repository === 'function') {
          return (work: (tx: Repositories) => Promise<unknown>) =>
            repository.call(object, (tx: Repositories) => work(wrap(tx)));
        }
        if (!override || typeof repository !== 'object' || repository === null) return repository;
        return new Proxy(repository, {
          get: (repo, method, r) =>
            method in override
              ? (override as Record<PropertyKey, unknown>)[method]
              : Reflect.get(repo, method, r),
        });
      },
    });
  return wrap(store);
}

/** A store that counts every repository call (inside transactions too), by `repository.method`. */
export function countingStore(store: Store): { store: Store; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const count = (key: string) => calls.set(key, (calls.get(key) ?? 0) + 1);
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, name, receiver) {
        const value = Reflect.get(object, name, receiver);
        if (name === 'transaction' && typeof value === 'function') {
          return (work: (tx: Repositories) => Promise<unknown>) =>
            value.call(object, (tx: Repositories) => work(wrap(tx)));
        }
        if (typeof value !== 'object' || value === null) return value;
        return new Proxy(value, {
          get(repo, method, r) {
            const fn = Reflect.get(repo, method, r);
            if (typeof fn !== 'function') return fn;
            return (...args: unknown[]) => {
              count(`${String(name)}.${String(method)}`);
              return fn.apply(repo, args);
            };
          },
        });
      },
    });
  return { store: wrap(store), calls };
}
