import { definePermissions } from "../define";

export const userPermissions = definePermissions("user", {
  profileRead: { key: "users.profile.read", level: "read", description: "See one's own profile" },
  profileUpdate: { key: "users.profile.update", level: "write", description: "Edit one's own profile" },
  memberRead: { key: "users.member.read", level: "read", description: "See the organization's members and their profiles" },
  memberInvite: { key: "users.member.invite", level: "admin", description: "Invite people, see and revoke invitations" },
  memberUpdate: { key: "users.member.update", level: "admin", description: "Edit members' profiles and departments, change their roles" },
  memberDeactivate: { key: "users.member.deactivate", level: "admin", description: "Deactivate and reactivate members" },
  roleRead: { key: "users.role.read", level: "read", description: "See the organization's roles and their permissions" },
  roleCreate: { key: "users.role.create", level: "admin", description: "Create custom roles" },
  roleUpdate: { key: "users.role.update", level: "admin", description: "Rename custom roles, change their parent and permissions" },
  roleDelete: { key: "users.role.delete", level: "admin", description: "Delete unused custom roles" },
  departmentRead: { key: "users.department.read", level: "read", description: "See the department tree" },
  departmentManage: { key: "users.department.manage", level: "admin", description: "Create, rename, move and delete departments" },
  permissionRead: { key: "users.permission.read", level: "read", description: "See the permission catalog (role editors)" },
  ownershipTransfer: {
    key: "users.ownership.transfer",
    level: "owner",
    description: "Grant or take away the owner role, deactivate owners",
  },
});
