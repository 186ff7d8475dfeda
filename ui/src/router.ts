import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import DashboardPage from './pages/DashboardPage.vue'

// Pages other than the first are loaded on demand (still bundled locally: offline).
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: DashboardPage, meta: { title: '工作台' } },
  { path: '/orgs', name: 'orgs', component: () => import('./pages/OrgsPage.vue'), meta: { title: '组织' } },
  { path: '/graduates', name: 'graduates', component: () => import('./pages/GraduatesPage.vue'), meta: { title: '毕业生' } },
  { path: '/freshmen', name: 'freshmen', component: () => import('./pages/FreshmenPage.vue'), meta: { title: '新生' } },
  { path: '/import', name: 'import', component: () => import('./pages/ImportPage.vue'), meta: { title: '导入' } },
  { path: '/collect', name: 'collect', component: () => import('./pages/CollectPage.vue'), meta: { title: '去向收集' } },
  { path: '/transfers', name: 'transfers', component: () => import('./pages/TransfersPage.vue'), meta: { title: '转接' } },
  { path: '/documents', name: 'documents', component: () => import('./pages/DocumentsPage.vue'), meta: { title: '文书' } },
  { path: '/reconcile', name: 'reconcile', component: () => import('./pages/ReconcilePage.vue'), meta: { title: '对账' } },
  { path: '/school', name: 'school', component: () => import('./pages/SchoolPage.vue'), meta: { title: '学院数据' } },
  { path: '/recommend', name: 'recommend', component: () => import('./pages/RecommendPage.vue'), meta: { title: '建议查询' } },
  { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue'), meta: { title: '设置' } },
]

export const router = createRouter({ history: createWebHashHistory(), routes })
