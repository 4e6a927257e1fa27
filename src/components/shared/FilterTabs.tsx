import { Link } from '@payloadcms/ui'
import React from 'react'

import { NewsroomStyles } from '../NewsroomStyles.js'

export type FilterTab = { active: boolean; count?: number; href: string; id: string; label: string }

/** A row of quick filters above a list ("All 12 · Pending 3 · …"); the current one is marked for screen readers. */
export const FilterTabs: React.FC<{ label: string; tabs: FilterTab[] }> = ({ label, tabs }) => (
  <nav aria-label={label}>
    <NewsroomStyles />
    <ul className="newsroom-tabs">
      {tabs.map((tab) => (
        <li data-tab={tab.id} key={tab.id}>
          <Link aria-current={tab.active ? 'page' : undefined} href={tab.href} prefetch={false}>
            {tab.label}
            {tab.count === undefined ? null : <span className="newsroom-tabs__count"> ({tab.count})</span>}
          </Link>
        </li>
      ))}
    </ul>
  </nav>
)
