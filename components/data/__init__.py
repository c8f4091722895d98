"""The data layer: the curated tables' schemas, loading and validation, the data version, the data
package and the formula-safe CSV export. Imports nothing from the layers above it."""
