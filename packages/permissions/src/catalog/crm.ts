import { definePermissions } from "../define";

/**
 * The CRM's permissions. Sales people (member) work with every record; designing pipelines is an
 * administrator's; merging contacts rewrites history, so it is a write of its own.
 */
export const crmPermissions = definePermissions("crm", {
  companyRead: { key: "crm.company.read", level: "read", description: "See companies and their timelines" },
  companyCreate: { key: "crm.company.create", level: "write", description: "Create companies" },
  companyUpdate: { key: "crm.company.update", level: "write", description: "Change companies" },
  companyDelete: { key: "crm.company.delete", level: "write", description: "Delete companies nothing refers to" },
  companyImport: { key: "crm.company.import", level: "write", description: "Import companies from CSV" },
  companyExport: { key: "crm.company.export", level: "read", description: "Export companies to CSV" },
  contactRead: { key: "crm.contact.read", level: "read", description: "See contacts, their timelines and likely duplicates" },
  contactCreate: { key: "crm.contact.create", level: "write", description: "Create contacts" },
  contactUpdate: { key: "crm.contact.update", level: "write", description: "Change contacts" },
  contactDelete: { key: "crm.contact.delete", level: "write", description: "Delete contacts nothing refers to" },
  contactMerge: { key: "crm.contact.merge", level: "write", description: "Merge duplicate contacts" },
  contactImport: { key: "crm.contact.import", level: "write", description: "Import contacts from CSV" },
  contactExport: { key: "crm.contact.export", level: "read", description: "Export contacts to CSV" },
  leadRead: { key: "crm.lead.read", level: "read", description: "See leads and their timelines" },
  leadCreate: { key: "crm.lead.create", level: "write", description: "Create leads" },
  leadUpdate: { key: "crm.lead.update", level: "write", description: "Change leads and move them through their statuses" },
  leadDelete: { key: "crm.lead.delete", level: "write", description: "Delete leads that were not converted" },
  leadConvert: { key: "crm.lead.convert", level: "write", description: "Convert leads into a company, a contact and an opportunity" },
  leadImport: { key: "crm.lead.import", level: "write", description: "Import leads from CSV" },
  leadExport: { key: "crm.lead.export", level: "read", description: "Export leads to CSV" },
  opportunityRead: { key: "crm.opportunity.read", level: "read", description: "See opportunities, their stage history and timelines" },
  opportunityCreate: { key: "crm.opportunity.create", level: "write", description: "Create opportunities" },
  opportunityUpdate: { key: "crm.opportunity.update", level: "write", description: "Change opportunities and move them between stages" },
  opportunityDelete: { key: "crm.opportunity.delete", level: "write", description: "Delete opportunities" },
  pipelineRead: { key: "crm.pipeline.read", level: "read", description: "See pipelines and their stages" },
  pipelineManage: { key: "crm.pipeline.manage", level: "admin", description: "Create, rename, reorder and delete pipelines and stages" },
  activityRead: { key: "crm.activity.read", level: "read", description: "See notes, calls, meetings, emails and tasks" },
  activityCreate: { key: "crm.activity.create", level: "write", description: "Log activities and create tasks" },
  activityUpdate: { key: "crm.activity.update", level: "write", description: "Change activities and complete tasks" },
  activityDelete: { key: "crm.activity.delete", level: "write", description: "Delete activities" },
  reportRead: { key: "crm.report.read", level: "read", description: "See pipeline, forecast, win-rate and stage-time reports" },
});
