package users

import "slices"

// Permission is something a service call may require of the acting user.
type Permission string

// The permissions. Each service method requires exactly one.
const (
	PermRead           Permission = "read"            // see the vault's registers and reports
	PermManageUsers    Permission = "users.manage"    // add, edit, disable users; reset their passphrases
	PermEditProfile    Permission = "profile.edit"    // agency profile and contacts
	PermEditRegisters  Permission = "registers.edit"  // systems, assets, activities, incidents
	PermAddEvidence    Permission = "evidence.add"    // attach evidence files
	PermAssess         Permission = "assess"          // fill checklists and assessments
	PermApprove        Permission = "approve"         // review and approve assessments, reports
	PermSign           Permission = "sign"            // sign and export bundles
	PermBackup         Permission = "vault.backup"    // write an encrypted backup of the whole vault
	PermViewHistory    Permission = "history.view"    // read and export the audit trail
	PermManagePacks    Permission = "packs.manage"    // import and activate regulation packs
	PermExportEvidence Permission = "evidence.export" // write a decrypted copy of evidence to disk
	PermManageKeys     Permission = "vault.keys"      // change the vault key, replace the recovery code
	PermReceive        Permission = "office.receive"  // (office) keep the registry of agencies and their keys, receive bundles
	PermOfficeSign     Permission = "office.sign"     // (office) sign receipts and the province's reports
)

// grants says which roles hold each permission.
func grants() map[Permission][]Role {
	all := AllRoles()
	return map[Permission][]Role{
		PermRead:           KnownRoles(),
		PermManageUsers:    {RoleFocal, RoleReceiver},
		PermEditProfile:    {RoleFocal, RoleReceiver},
		PermEditRegisters:  {RoleFocal, RoleIT},
		PermAddEvidence:    all,
		PermAssess:         {RoleFocal, RoleIT},
		PermApprove:        {RoleManager},
		PermSign:           {RoleManager},
		PermBackup:         {RoleFocal, RoleReceiver},
		PermViewHistory:    {RoleFocal, RoleManager, RoleReceiver, RoleHead},
		PermManagePacks:    {RoleFocal, RoleReceiver},
		PermExportEvidence: all,
		PermManageKeys:     {RoleFocal, RoleReceiver},
		PermReceive:        {RoleReceiver},
		PermOfficeSign:     {RoleHead},
	}
}

// AllPermissions lists every permission, for tests and documentation.
func AllPermissions() []Permission {
	var ps []Permission
	for p := range grants() {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

// Can reports whether u may do p: u must be enabled and hold a role that
// grants p.
func (u User) Can(p Permission) bool {
	if u.Disabled {
		return false
	}
	for _, r := range grants()[p] {
		if u.Has(r) {
			return true
		}
	}
	return false
}
