import mongoose from 'mongoose';

/**
 * Drops every database whose name ends with `suffix`: tests and benchmarks keep their data in
 * databases of their own (`_e2e`, `_bench`…), so one run's leftovers never decide the next.
 */
export async function dropDatabasesEndingWith(url: string, suffix: string): Promise<void> {
  const connection = await mongoose.createConnection(url).asPromise();
  try {
    const { databases } = await connection.getClient().db().admin().listDatabases();
    for (const { name } of databases) if (name.endsWith(suffix)) await connection.getClient().db(name).dropDatabase();
  } finally {
    await connection.close();
  }
}
