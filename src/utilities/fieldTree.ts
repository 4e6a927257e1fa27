import type { Field } from 'payload'

/** Copies `fields`, replacing the data field `name` (at this data level) with `replace(field)`. */
export const mapFieldByName = (fields: Field[], name: string, replace: (field: Field) => Field): Field[] =>
  fields.map((field) => {
    if ('name' in field && field.name === name) return replace(field)
    if (field.type === 'row' || field.type === 'collapsible') {
      return { ...field, fields: mapFieldByName(field.fields, name, replace) }
    }
    if (field.type === 'tabs') {
      return {
        ...field,
        tabs: field.tabs.map((tab) =>
          'name' in tab && tab.name ? tab : { ...tab, fields: mapFieldByName(tab.fields, name, replace) },
        ),
      }
    }
    return field
  })

/** Inserts `extra` right after the data field `name` (wherever it sits at this data level); skipped when absent. */
export const insertAfter = (fields: Field[], name: string, extra: Field): Field[] =>
  fields.flatMap((field): Field[] => {
    if ('name' in field && field.name === name) return [field, extra]
    if (field.type === 'row' || field.type === 'collapsible') {
      return [{ ...field, fields: insertAfter(field.fields, name, extra) }]
    }
    if (field.type === 'tabs') {
      return [
        {
          ...field,
          tabs: field.tabs.map((tab) =>
            'name' in tab && tab.name ? tab : { ...tab, fields: insertAfter(tab.fields, name, extra) },
          ),
        },
      ]
    }
    return [field]
  })

/** Whether `test` holds for any field of `fields`, at any depth (rows, collapsibles, tabs, groups, arrays, blocks). */
export const someFieldDeep = (fields: Field[], test: (field: Field) => boolean): boolean =>
  fields.some((field) => {
    if (test(field)) return true
    if (field.type === 'tabs') return (field.tabs ?? []).some((tab) => someFieldDeep(tab.fields ?? [], test))
    if (field.type === 'blocks') return (field.blocks ?? []).some((block) => someFieldDeep(block.fields ?? [], test))
    return 'fields' in field && Array.isArray(field.fields) ? someFieldDeep(field.fields, test) : false
  })
