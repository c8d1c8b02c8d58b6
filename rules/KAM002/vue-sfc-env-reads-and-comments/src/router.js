import { createRouter, createWebHistory } from 'vue-router'
import Forecast from './views/Forecast.vue'

export default createRouter({ history: createWebHistory(), routes: [{ path: '/', component: Forecast }] })
