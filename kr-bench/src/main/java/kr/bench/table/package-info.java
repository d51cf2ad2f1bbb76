/**
 * The paper's Tables 1–7 as data and the runner that reproduces them.
 *
 * <p>Each table is a JSON resource {@code tables/t<N>.json} parsed into a {@link
 * kr.bench.table.TableSpec} of {@link kr.bench.table.RowSpec}s carrying the paper's own cells
 * ({@link kr.bench.table.PaperCells}). {@link kr.bench.table.RowModels} turns a row into backbone
 * arguments (the one place where method and backbone names are resolved), {@link
 * kr.bench.table.Recipes} turns a row's recipe and a {@link kr.bench.table.Protocol} into trainer
 * settings, {@link kr.bench.table.TableRunner} trains every (row, seed) resumably and {@link
 * kr.bench.table.TableReport} re-typesets the table with our figures beside the paper's.
 */
package kr.bench.table;
